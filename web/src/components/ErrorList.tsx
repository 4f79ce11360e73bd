/** Errors that belong to no single field, announced when they appear. */
export function ErrorList({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="error-box">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>{messages.map((m, i) => <li key={i}>{m}</li>)}</ul>
      )}
    </div>
  );
}
