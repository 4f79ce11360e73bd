import { useQuery } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { MyAccount, ResendVerificationButton } from "../auth/VerifyEmailBanner.tsx";
import { Link } from "../router.tsx";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { DeleteAccountForm } from "./DeleteAccountForm.tsx";
import { DownloadMyData } from "./DownloadMyData.tsx";
import { SessionsPanel } from "./SessionsPanel.tsx";
import "./account.css";

/** Your account: password, where you are signed in, your data, closing the account. */
export default function AccountPage() {
  const { session } = useSession();
  if (!session) {
    return (
      <section>
        <h1>Account</h1>
        <p><Link href="/signin?next=/account">Sign in</Link> to manage your account.</p>
      </section>
    );
  }
  return <Account />;
}

function Account() {
  const [{ data }, reexecute] = useQuery({ query: MyAccount });
  const me = data?.me;
  return (
    <div className="account">
      <h1>Account</h1>
      {me && (
        <p>
          Signed in as <strong>{me.name}</strong> ({me.email}
          {me.emailVerified ? ", verified" : ", not verified yet"}).
        </p>
      )}
      {/* Where booking needs it, the banner above asks; elsewhere verifying is offered here, needed for nothing. */}
      {me && me.emailVerified === false && me.emailVerificationNeeded === false && (
        <section aria-label="Verify your email" className="account-verify">
          <p>Nothing here needs a verified address, but you can confirm that it is yours.</p>
          <ResendVerificationButton email={me.email} label="Send a verification link"
            onVerifiedMeanwhile={() => reexecute({ requestPolicy: "network-only" })} />
        </section>
      )}
      <ChangePasswordForm />
      <SessionsPanel />
      <DownloadMyData />
      <DeleteAccountForm />
    </div>
  );
}
