import { Link, usePath } from "../router.tsx";
import { useSession } from "./SessionContext.tsx";

/** The session notice (SessionContext), above every page until signing in again or "Dismiss". */
export function SessionNoticeBox() {
  const { notice, dismissNotice } = useSession();
  const path = usePath();
  if (!notice) return null;
  const back = path === "/signin" ? "/signin" : `/signin?next=${encodeURIComponent(path)}`;
  const dismiss = (
    <button type="button" className="link-button" onClick={dismissNotice}>Dismiss</button>
  );
  if (notice === "expired") {
    return (
      <div role="alert" className="error-box session-notice">
        <p>
          Your session has expired — <Link href={back}>sign in again</Link>.
        </p>
        {dismiss}
      </div>
    );
  }
  return (
    <div role="status" className="notice session-notice">
      <p>
        {notice === "everywhere"
          ? "You have been signed out on every device, this one included."
          : "Your account has been closed: your name and email are erased and every session has ended. You can sign up again with the same address at any time."}
      </p>
      {dismiss}
    </div>
  );
}
