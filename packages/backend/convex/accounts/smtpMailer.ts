"use node";

import { createTransport } from "nodemailer";
import { appError } from "../lib/errors";
import { smtpFrom, smtpUrl } from "../lib/env";

/*
 * Sends the backend's e-mail over SMTP with nodemailer (Node only: imported by "use node" actions).
 * One connection per message: codes are rare, and a pooled connection would outlive the action.
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

const SEND_TIMEOUT_MS = 20_000;

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const url = smtpUrl();
  if (url === undefined) {
    throw appError("internal", "This deployment cannot send e-mail: SMTP_URL is not set.");
  }
  const transport = createTransport(url, {
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: smtpFrom(), ...mail });
  } catch (error) {
    // The cause (server reply, errno) goes to the deployment's log; the user learns it can be retried.
    console.error("SMTP: the verification e-mail was not sent:", error);
    throw appError("internal", "The verification e-mail could not be sent; try again in a minute.", {
      retryable: true,
    });
  } finally {
    transport.close();
  }
}
