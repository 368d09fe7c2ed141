import type { ReactElement } from 'react';
import type { ServiceTopic } from '@sign-relay/shared';
import { Icon } from './Icon.tsx';

/**
 * The four services in the order callers see them. Kept here (not imported from shared/ at run time, which
 * would load the protocol schemas with the first screen); the check below fails the build if one is missing.
 */
export const TOPIC_ORDER = ['consultation', 'transfer', 'petition', 'dispatch'] as const satisfies readonly ServiceTopic[];
type Missing = Exclude<ServiceTopic, (typeof TOPIC_ORDER)[number]>;
const allTopicsListed: [Missing] extends [never] ? true : Missing = true;
void allTopicsListed;

/** A topic as the server stores it on a chat (a plain string) back as one of the four, or null. */
export function asServiceTopic(value: string | null | undefined): ServiceTopic | null {
  return TOPIC_ORDER.find((t) => t === value) ?? null;
}

/** The pictogram of one of the four 1999 services; always shown next to its word. */
export function TopicPictogram({ topic, className }: { topic: ServiceTopic | null; className?: string }): ReactElement {
  return <Icon name={topic ?? 'hands'} {...(className ? { className } : {})} />;
}
