"use client";

import { createContext, useContext } from "react";
import { DEFAULT_WIDGET_URL } from "@/lib/env";

/** URLs the server read from its environment at request time and hands to the pages. */
export interface PublicUrls {
  widgetUrl: string;
  demoSiteUrl: string | null;
  /** The deployment's HTTP actions origin (`…convex.site`), where /v1 is served; null when unknown. */
  apiUrl: string | null;
}

export const PublicUrlsContext = createContext<PublicUrls>({
  widgetUrl: DEFAULT_WIDGET_URL,
  demoSiteUrl: null,
  apiUrl: null,
});

export function usePublicUrls(): PublicUrls {
  return useContext(PublicUrlsContext);
}
