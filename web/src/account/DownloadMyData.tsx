import { useState } from "react";
import { useClient } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";

const ExportMyData = graphql(`
  query ExportMyData {
    exportMyData
  }
`);

/** Everything stored about you, as the JSON document the API answers, saved as a file. */
export function DownloadMyData() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const r = await client.query(ExportMyData, {}, { requestPolicy: "network-only" }).toPromise();
      if (r.data?.exportMyData == null) {
        setFailure(apiErrors(r.error).general[0] ?? "Your data could not be exported. Try again.");
        return;
      }
      saveJson(r.data.exportMyData, `campus-tickets-my-data-${new Date().toISOString().slice(0, 10)}.json`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="data-title" className="card account-section">
      <h2 id="data-title">Your data</h2>
      <p>One JSON file with everything stored about you: your account, tickets, waitlist places, payments, refunds and sessions.</p>
      {failure && <p role="alert" className="error-box">{failure}</p>}
      <button type="button" className="secondary" onClick={download} disabled={busy}>
        {busy ? "Preparing…" : "Download your data"}
      </button>
    </section>
  );
}

function saveJson(document: unknown, fileName: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: "application/json" }));
  const a = Object.assign(window.document.createElement("a"), { href: url, download: fileName });
  a.click();
  // The click has started the download; the object URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
