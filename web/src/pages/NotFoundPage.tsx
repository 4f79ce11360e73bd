import { Link } from "../router.tsx";

export function NotFoundPage() {
  return (
    <section>
      <h1>Page not found</h1>
      <p><Link href="/">Back to upcoming events</Link></p>
    </section>
  );
}
