"use client";

import { Component, type ReactNode } from "react";
import { errorInfo } from "@/lib/errors";
import { ErrorPanel } from "./error-panel";

/**
 * Keeps a failing query (a backend error thrown by useQuery) inside its own section: the rest of the
 * page stays usable, and "Try again" re-renders the section.
 */
export class ErrorBoundary extends Component<{ title: string; children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error !== null) {
      return (
        <ErrorPanel
          title={this.props.title}
          error={errorInfo(this.state.error)}
          onRetry={() => this.setState({ error: null })}
        />
      );
    }
    return this.props.children;
  }
}
