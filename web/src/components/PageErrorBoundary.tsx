import { Component, type ErrorInfo, type ReactNode } from "react";
import { Link } from "../router.tsx";

// A page that fails while rendering shows a message and a way back, inside the
// layout, instead of React unmounting everything (a blank page). Going to
// another page (a new `path`) renders it afresh.
interface Props {
  path: string;
  children: ReactNode;
}

export class PageErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("This page failed to render:", error, info.componentStack);
  }

  componentDidUpdate(previous: Props) {
    if (this.state.failed && previous.path !== this.props.path) this.setState({ failed: false });
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section role="alert">
        <h1>Something went wrong</h1>
        <p>
          This page could not be shown. Reload to try again, or <Link href="/">go back to upcoming events</Link>.
        </p>
      </section>
    );
  }
}
