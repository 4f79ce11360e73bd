export function EventListPage() {
  return <h1>Upcoming events</h1>;
}
