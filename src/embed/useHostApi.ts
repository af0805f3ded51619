import { useCallback, useEffect, useRef, useState } from 'react';
import {
  classifyInbound,
  eventTargets,
  hostEvent,
  isAllowedOrigin,
  type EmbedStateSummary,
  type HostCommand,
  type HostEventBody,
  type ScorecardSummary,
} from '../share/hostApi';

interface Input {
  /** Host origins allowed to send commands and receive events (hostApi.ts). */
  allowed: readonly string[];
  /** True once the map is drawn and the first coverage numbers for the scenario are in. */
  ready: boolean;
  state: EmbedStateSummary;
  summary: ScorecardSummary | null;
  /** Carries out a command; returns why it could not, or null. */
  onCommand: (command: HostCommand) => string | null;
}

/** The parent's origin when the browser tells it (Chromium, Safari); null otherwise. */
function parentOrigin(): string | null {
  const ancestors = window.location.ancestorOrigins;
  return ancestors && ancestors.length > 0 ? ancestors[0]! : null;
}

/**
 * The embed's side of the host-page API: listens for commands from the parent page (allowed
 * origins only), and posts `ready`, `selectionChanged` and `scorecard` events to the allowed
 * origins only. Returns how many messages were ignored for their origin or sender (shown on the
 * embed's root element, for whoever debugs an embedding).
 */
export function useHostApi({ allowed, ready, state, summary, onCommand }: Input): { ignored: number } {
  const [ignored, setIgnored] = useState(0);
  const commandRef = useRef(onCommand);
  commandRef.current = onCommand;
  const summaryRef = useRef(summary);
  summaryRef.current = summary;
  const lastScorecard = useRef<string | null>(null);

  const allowedRef = useRef(allowed);
  allowedRef.current = allowed;
  // Stable, so the effects below do not re-run for it; reads the latest allow-list.
  const post = useCallback((body: HostEventBody) => {
    if (window.parent === window) return; // not framed: nobody to tell
    for (const origin of eventTargets(allowedRef.current, parentOrigin())) window.parent.postMessage(hostEvent(body), origin);
  }, []);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // Only the page that frames the map, and only from a listed origin, may steer it.
      if (event.source !== window.parent || window.parent === window || !isAllowedOrigin(event.origin, allowed)) {
        setIgnored((n) => n + 1);
        return;
      }
      const message = classifyInbound(event.data);
      if (message.kind === 'foreign') return;
      if (message.kind === 'invalid') {
        post({ type: 'error', message: `message ignored: ${message.message}` });
        return;
      }
      const problem = commandRef.current(message.command);
      if (problem) post({ type: 'error', message: `${message.command.type}: ${problem}` });
      else if (message.command.type === 'getScorecard' && summaryRef.current) {
        post({ type: 'scorecard', scorecard: summaryRef.current });
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [allowed, post]);

  // `ready` once; then every change of selection and of the numbers.
  const announced = useRef(false);
  const selection = `${state.district ?? ''}|${state.zone ?? ''}`;
  const lastSelection = useRef(selection);
  useEffect(() => {
    if (!ready || announced.current || !summary) return;
    announced.current = true;
    lastScorecard.current = JSON.stringify(summary);
    lastSelection.current = `${state.district ?? ''}|${state.zone ?? ''}`;
    post({ type: 'ready', state, scorecard: summary });
  }, [ready, state, summary, post]);

  useEffect(() => {
    if (!announced.current || lastSelection.current === selection) return;
    lastSelection.current = selection;
    post({ type: 'selectionChanged', district: state.district, zone: state.zone });
  }, [selection, state.district, state.zone, post]);

  useEffect(() => {
    if (!announced.current || !summary) return;
    const text = JSON.stringify(summary);
    if (text === lastScorecard.current) return;
    lastScorecard.current = text;
    post({ type: 'scorecard', scorecard: summary });
  }, [summary, post]);

  return { ignored };
}
