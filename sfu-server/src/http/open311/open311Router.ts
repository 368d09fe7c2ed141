import { createHash, randomUUID } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type pg from 'pg';
import type { z } from 'zod';
import { OPEN311_BASE, open311Routes, type CaseService as CaseKind, type HttpRoute, type Open311Discovery, type Open311PostAnswer } from '@sign-relay/shared';
import type { CaseService } from '../../cases/CaseService.ts';
import type { Logger } from '../../logger.ts';
import { Open311Repository } from '../../store/repositories/open311Repository.ts';
import type { ApiKeyHolder, ApiKeyVerifier } from '../../people.ts';
import { presentedApiKey } from '../declared.ts';
import { CATALOGUE_CHANGESET, GEOREPORT_V2, OPEN311_SERVICES, SERVICE_NOTICE, serviceDefinition } from './catalogue.ts';
import { Open311Error, open311ErrorHandler } from './errors.ts';
import { checkJurisdiction, parsePostRequest, parseRequestsQuery, toServiceRequest } from './mapping.ts';

export { OPEN311_BASE } from '@sign-relay/shared';
/** An Idempotency-Key a client may send with a POST: visible ASCII, at most 255 characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface Open311Deps {
  cases: CaseService;
  pool: pg.Pool;
  apiKeys: ApiKeyVerifier;
  logger: Logger;
  now?: () => number;
}

/** The holder of a valid key that may post: 403 for a missing, unknown or revoked key, or one without the right. */
async function poster(req: express.Request, apiKeys: ApiKeyVerifier): Promise<ApiKeyHolder> {
  const key = presentedApiKey(req);
  if (!key) throw new Open311Error(403, 'api_key is required to post a request.');
  const holder = await apiKeys.verify(key);
  if (!holder) throw new Open311Error(403, 'api_key is not valid or has been revoked.');
  if (!holder.canPost) throw new Open311Error(403, 'This api_key may not post requests.');
  return holder;
}

/**
 * The case's client key: from the client's Idempotency-Key (scoped to its API key, so two systems cannot
 * collide), so a POST sent again files one case; without one, every POST is a new case.
 */
function clientKeyOf(req: express.Request, holder: ApiKeyHolder): string {
  const given = req.get('idempotency-key');
  if (given === undefined || given === '') return `open311:${randomUUID()}`;
  if (!IDEMPOTENCY_KEY.test(given)) throw new Open311Error(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  return `open311:${holder.keyId}:${createHash('sha256').update(given).digest('base64url')}`;
}

/** A declared route's path below the base (this router is mounted at {@link OPEN311_BASE}). */
const below = (route: HttpRoute<unknown, unknown, unknown, unknown>): string => route.path.slice(OPEN311_BASE.length);

/** A request part through its declared schema; a part of the wrong shape is a 400 naming the parameter. */
function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new Open311Error(400, `${first?.path.map(String).join('.') || 'request'}: ${first?.message ?? 'not valid'}.`.slice(0, 300));
}

/** Public reads may be made from any web page (they hold no personal data); posting needs a key, not a cookie. */
const openReads: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') res.set('Access-Control-Allow-Origin', '*');
  next();
};

/**
 * Open311 GeoReport v2 under {@link OPEN311_BASE}, JSON only (the spec's XML is not served): discovery, the
 * service list and definitions, POST and GET of requests. Reads are public, as the spec has them, and never
 * carry personal data; posting needs an API key that may post. Every error leaves in Open311's shape through
 * this router's own error handler, and paths under the base that do not exist answer 404 the same way.
 */
export function open311Router(deps: Open311Deps): Router {
  const now = deps.now ?? Date.now;
  const repo = new Open311Repository(deps.pool);
  const api = Router();
  // Parsed here too (a no-op when the app already parsed JSON), so the router stands on its own.
  api.use(express.urlencoded({ extended: false, limit: '100kb' }), express.json({ limit: '100kb' }), openReads);

  // Not through `mount`: Open311 answers every error, a malformed parameter or a missing key included, in its
  // own `[{code, description}]` shape and statuses, so these handlers parse their declared schemas with `parsed`.
  api.get(below(open311Routes.discovery), (req, res) => {
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${OPEN311_BASE}`;
    const discovery: Open311Discovery = {
      changeset: CATALOGUE_CHANGESET,
      contact: '臺北市政府 1999 市民當家熱線 手語視訊服務 Taipei City 1999 Citizen Hotline, sign-language video relay',
      key_service: 'API keys are issued by the service administrators (臺北市 1999 手語視訊服務管理者). Send the key as api_key, X-Api-Key or Authorization: Bearer.',
      endpoints: [{ specification: GEOREPORT_V2, url, changeset: CATALOGUE_CHANGESET, type: 'production', formats: ['application/json'] }],
    };
    res.json(discovery);
  });

  api.get(below(open311Routes.services), (req, res) => {
    checkJurisdiction(parsed(open311Routes.services.query!, req.query).jurisdiction_id);
    res.json(OPEN311_SERVICES);
  });

  api.get(below(open311Routes.service), (req, res) => {
    checkJurisdiction(parsed(open311Routes.service.query!, req.query).jurisdiction_id);
    const { code } = parsed(open311Routes.service.params!, req.params);
    const definition = serviceDefinition(code);
    if (!definition) throw new Open311Error(404, `service_code ${code.slice(0, 40)} was not found.`);
    res.json(definition);
  });

  api.get(below(open311Routes.requests), async (req, res) => {
    const q = parseRequestsQuery(parsed(open311Routes.requests.query!, req.query), now());
    if (q.kind === 'ids') {
      res.json((await repo.byNumbers(q.numbers)).map(toServiceRequest));
      return;
    }
    const services: CaseKind[] | null = q.targets && q.targets.flatMap((t) => (t.service === 'dispatch' ? [] : [t.service]));
    const items: string[] | null = q.targets && q.targets.flatMap((t) => (t.service === 'dispatch' ? [t.item] : []));
    const rows = await repo.search({ from: q.from, to: q.to, services, items, statuses: q.statuses, limit: q.limit });
    res.json(rows.map(toServiceRequest));
  });

  api.get(below(open311Routes.request), async (req, res) => {
    checkJurisdiction(parsed(open311Routes.request.query!, req.query).jurisdiction_id);
    const { id } = parsed(open311Routes.request.params!, req.params);
    const [row] = await repo.byNumbers([id]);
    if (!row) throw new Open311Error(404, `service_request_id ${id.slice(0, 40)} was not found.`);
    res.json([toServiceRequest(row)]);
  });

  api.post(below(open311Routes.post), async (req, res) => {
    const holder = await poster(req, deps.apiKeys);
    const posted = parsePostRequest(parsed(open311Routes.post.body!, req.body));
    const clientKey = clientKeyOf(req, holder);
    const filed = await deps.cases.fileCase(
      {
        content: posted.content,
        source: 'open311',
        channel: null,
        kioskId: null,
        guestId: null,
        callId: null,
        callRecordId: null,
        chatSessionId: null,
        interpreterId: null,
        apiKeyId: holder.keyId,
        deviceId: posted.deviceId,
        mediaUrl: posted.mediaUrl,
        clientKey,
        readBackAnswer: null,
        readBackAt: null,
        readBackSkipReason: null,
      },
      { kind: 'api', id: holder.keyId, name: holder.name },
    );
    // A resend answers as the first POST did (Idempotency-Key), marked so the client can tell.
    if (filed.duplicate) res.set('Idempotent-Replayed', 'true');
    const answer: Open311PostAnswer = [{ service_request_id: filed.row.number, service_notice: SERVICE_NOTICE[posted.service], account_id: null }];
    res.status(201).json(answer);
  });

  api.use((req, _res, next) => {
    const xml = /\.xml$/i.test(req.path);
    next(new Open311Error(404, xml ? 'Only JSON is served here: ask for the .json resource.' : `There is no Open311 resource ${req.method} ${OPEN311_BASE}${req.path.slice(0, 80)}.`));
  });
  api.use(open311ErrorHandler(deps.logger));

  const outer = Router();
  outer.use(OPEN311_BASE, api);
  return outer;
}
