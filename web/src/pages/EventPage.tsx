export default function EventPage({ eventId }: { eventId: number }) {
  return <h1>Event {eventId}</h1>;
}
