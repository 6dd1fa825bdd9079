/**
 * Alert rule endpoints. Reading: `GET /clusters/:cid/rules` (read token). Writing, under
 * `/admin` (admin token, checked by the server before these run):
 *   PUT    /admin/clusters/:cid/rules/:id   change settings (built-in: threshold, forMs, severity, enabled)
 *   POST   /admin/clusters/:cid/rules       add a custom rule (e.g. per target) → 201
 *   DELETE /admin/clusters/:cid/rules/:id   built-in: back to defaults; custom: deleted
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { RuleChangeError } from '../alerts/rule-error';
import { ApiError, badParameter, notFound } from './errors';
import { checkCluster, rejectUnknown } from './params';
import type { RuleAdmin } from './ports';

const RULE_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Maps a rule service error to the API's; anything else is passed on unchanged. */
export function ruleApiError(err: unknown): unknown {
  if (!(err instanceof RuleChangeError)) return err;
  if (err.code === 'NOT_FOUND') return notFound(err.message);
  return err.param ? badParameter(err.param, err.message) : new ApiError(400, 'BAD_REQUEST', err.message);
}

function ids(req: Request): { cluster: string; rule?: string } {
  rejectUnknown(new URL(req.originalUrl, 'http://x').searchParams, []);
  const cluster = checkCluster(String(req.params.cid));
  const raw = req.params.id;
  if (raw === undefined) return { cluster };
  if (!RULE_ID_RE.test(raw)) throw badParameter('id', 'must be a rule id (letters, digits, . _ -)');
  return { cluster, rule: raw };
}

function handler(fn: (req: Request, res: Response) => Promise<unknown> | unknown) {
  return (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(() => fn(req, res))
      .then(
        (body) => void res.json(body),
        (err: unknown) => next(ruleApiError(err)),
      );
  };
}

export function readRuleRoutes(rules: RuleAdmin): Router {
  const r = express.Router();
  r.get(
    '/clusters/:cid/rules',
    handler((req) => rules.list(ids(req).cluster)),
  );
  return r;
}

export function adminRuleRoutes(rules: RuleAdmin): Router {
  const r = express.Router();
  r.use(express.json({ limit: '16kb', strict: true, type: () => true }));
  r.put(
    '/clusters/:cid/rules/:id',
    handler((req) => {
      const { cluster, rule } = ids(req);
      return rules.update(cluster, rule ?? '', req.body);
    }),
  );
  r.post(
    '/clusters/:cid/rules',
    handler(async (req, res) => {
      const created = await rules.create(ids(req).cluster, req.body);
      res.status(201);
      return created;
    }),
  );
  r.delete(
    '/clusters/:cid/rules/:id',
    handler((req) => {
      const { cluster, rule } = ids(req);
      return rules.remove(cluster, rule ?? '');
    }),
  );
  return r;
}
