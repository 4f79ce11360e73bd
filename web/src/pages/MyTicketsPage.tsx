export default function MyTicketsPage() {
  return <h1>My tickets</h1>;
}
