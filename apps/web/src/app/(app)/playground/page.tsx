"use client";

import { PageHeader } from "@/components/page-header";
import { Playground } from "@/components/playground/playground";

export default function PlaygroundPage() {
  return (
    <>
      <PageHeader
        title="Playground"
        description="Ask the agent what a customer would ask, as an admin, as a given customer or as an anonymous visitor, before it goes live."
      />
      <Playground />
    </>
  );
}
