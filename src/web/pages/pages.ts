import type { AppError } from "../../errors/index.ts";
import { type Markup, renderLayout } from "./layout.ts";

export const cancelledPage = (): Markup =>
  renderLayout({
    tone: "neutral",
    title: "Sign-in cancelled",
    heading: "Sign-in cancelled",
    message: "You cancelled the GitHub sign-in, so nothing was linked.",
    next: "To try again, return to Discord and run /link.",
  });

export const errorPage = (error: AppError): Markup =>
  renderLayout({
    tone: "problem",
    title: error.title,
    heading: error.title,
    message: error.message,
    next: error.next,
  });
