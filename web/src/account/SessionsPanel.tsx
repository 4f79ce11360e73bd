import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { apiErrors } from "../graphql/errors.ts";
import { formatDateTime } from "../lib/format.ts";
import { navigate } from "../router.tsx";
import { describeUserAgent } from "./userAgent.ts";

const MySessions = graphql(`
  query MySessions {
    mySessions(first: 100) { nodes { id createdAt userAgent current } }
  }
`);

const EndSession = graphql(`
  mutation EndSession($id: Int!) {
    endSession(input: { id: $id }) { result }
  }
`);

const EndAllSessions = graphql(`
  mutation EndAllSessions {
    endAllSessions(input: {}) { result }
  }
`);

/** Where this account is signed in: end one session (a lost phone), or all of them. */
export function SessionsPanel() {
  const { signOut, endingOnPurpose } = useSession();
  const [{ data, error }, reexecute] = useQuery({ query: MySessions });
  const [ended, endOne] = useMutation(EndSession);
  const [all, endAll] = useMutation(EndAllSessions);
  const [message, setMessage] = useState<string | null>(null);
  const sessions = (data?.mySessions?.nodes ?? []).filter((s) => s != null);
  const failure = apiErrors(ended.error ?? all.error).general[0] ?? (error && !data ? "Your sessions could not be loaded." : null);

  const end = async (id: number, device: string) => {
    setMessage(null);
    const r = await endOne({ id });
    if (r.data?.endSession) {
      setMessage(`Signed out ${device}.`);
      reexecute({ requestPolicy: "network-only" });
    }
  };
  const everywhere = async () => {
    const r = await endingOnPurpose(() => endAll({}));
    if (r.data?.endAllSessions) {
      signOut("everywhere");
      navigate("/signin");
    }
  };

  return (
    <section aria-labelledby="sessions-title" className="card account-section">
      <h2 id="sessions-title">Your sessions</h2>
      <p>The browsers and apps signed in to your account, newest first.</p>
      {failure && <p role="alert" className="error-box">{failure}</p>}
      <ul className="session-list">
        {sessions.map((s) => {
          const device = describeUserAgent(s.userAgent);
          const since = s.createdAt ? formatDateTime(s.createdAt) : "";
          return (
            <li key={s.id} className="session">
              <p className="session__device">
                <strong>{device}</strong>
                {s.current && <span className="badge session__current">This device</span>}
              </p>
              <p className="session__since">Signed in {since && <time dateTime={s.createdAt!}>{since}</time>}</p>
              {s.userAgent && <p className="session__agent">{s.userAgent}</p>}
              {!s.current && s.id != null && (
                <button type="button" className="secondary" disabled={ended.fetching}
                  aria-label={`End session: ${device}, signed in ${since}`} onClick={() => end(s.id!, device)}>
                  End session
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div role="status">{message && <p>{message}</p>}</div>
      <button type="button" className="secondary" onClick={everywhere} disabled={all.fetching}>
        {all.fetching ? "Signing out…" : "Sign out everywhere"}
      </button>
    </section>
  );
}
