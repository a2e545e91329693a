"use client";

import { useEffect, useState } from "react";

const DAY_MS = 86_400_000;

function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * Today's UTC date ("YYYY-MM-DD"), changing at midnight UTC. A query that takes it as an argument is
 * re-run then, since Convex re-runs queries when their data or arguments change, not with the clock.
 * A timer can oversleep a suspended laptop, so the day is also checked when the tab is shown again.
 */
export function useUtcDay(): string {
  const [day, setDay] = useState(() => utcDay(Date.now()));
  useEffect(() => {
    const check = () => setDay(utcDay(Date.now()));
    const untilMidnight = DAY_MS - (Date.now() % DAY_MS) + 1_000;
    const timer = setTimeout(check, untilMidnight);
    document.addEventListener("visibilitychange", check);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", check);
    };
  }, [day]);
  return day;
}
