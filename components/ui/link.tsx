import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The app's link: next/link (client-side navigation) without prefetching. Every page of the app is
 * dynamic (session, safety data never cached), so a prefetch fetches only the route's tree, yet
 * next/link sends one for each link that scrolls into view: an investigator's worklist (150 rows,
 * two links each) sent 66 prefetch requests per view, ≈ 4–5 ms of server CPU each, more than the
 * page itself (decision 010, "The pages' own cost"). A click still navigates on the client. Pass
 * `prefetch` to opt a link back in. ESLint keeps `next/link` out of every other file.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
