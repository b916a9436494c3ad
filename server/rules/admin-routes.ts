import { Router, type Response } from 'express';
import { z } from 'zod';
import { createSerialQueue } from '../../shared/async/serial-queue';
import type { RuleSetAdminView } from '../../shared/admin/console-api';
import { checkRuleSetUpload, MAX_RULE_SET_VERSION, RULE_UPLOAD_BODY_BYTES } from '../../shared/rules/upload';
import { adminAccess } from '../admin/access';
import type { AuditLog } from '../audit/log';
import { currentUser, handle, jsonBody, requireUser } from '../auth/routes';
import type { SecondFactorService } from '../auth/second-factor';
import type { AuthService } from '../auth/service';
import { parseBody } from '../auth/validation';
import { HttpError } from '../errors';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { ServedRules } from './served';
import type { RuleUploadStore } from './upload-store';

/**
 * /api/admin/rules (rules:manage): the detection rule set served to
 * extensions, an upload of a new one (checked before it is stored, so a set
 * that would break detection never reaches an extension), and a rollback to
 * an earlier upload. Every change, and every refused upload, is audited.
 */

const rollbackBodySchema = z.strictObject({
  version: z.union([z.string().regex(/^\d{1,10}$/, 'must be a version number'), z.number().int().positive()]).transform(Number),
});

/** The validation errors ("path: message") as the error shape's fields, one line per path. */
function errorFields(errors: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const split = error.indexOf(': ');
    const field = split > 0 ? error.slice(0, split) : '(rule set)';
    const message = split > 0 ? error.slice(split + 2) : error;
    fields[field] = fields[field] ? `${fields[field]}; ${message}` : message;
  }
  return fields;
}

export function createRulesAdminRouter(options: {
  auth: AuthService;
  audit: AuditLog;
  secondFactor: Pick<SecondFactorService, 'isEnrolled'>;
  limiters: AuthLimiters;
  served: ServedRules;
  uploads: RuleUploadStore;
}): Router {
  const { audit, served, uploads } = options;
  const router = Router();
  // One change at a time: each checks against what is served, then stores a version above it.
  const queue = createSerialQueue();
  const exclusive = <T>(task: () => Promise<T>) => queue('rules', task);
  router.use(options.limiters.ip, ...jsonBody(RULE_UPLOAD_BODY_BYTES), requireUser(options.auth), ...adminAccess('rules:manage', options.secondFactor));

  const actorOf = (res: Response) => {
    const user = currentUser(res);
    return { type: 'user' as const, id: user.id, email: user.email };
  };

  async function view(): Promise<RuleSetAdminView> {
    const current = await served.current();
    const activeUpload = current.upload;
    return {
      active: {
        version: String(current.rules.version),
        source: current.source,
        ...(activeUpload ? { uploadedAt: activeUpload.uploadedAt, uploadedBy: activeUpload.uploadedBy } : {}),
        ruleSet: current.rules,
      },
      history: uploads
        .list()
        .filter((upload) => upload !== activeUpload)
        .map((upload) => ({ version: String(upload.rules.version), uploadedAt: upload.uploadedAt, uploadedBy: upload.uploadedBy })),
    };
  }

  /** The next free version: above what is served and above every upload kept. */
  async function nextVersion(): Promise<number> {
    const highest = Math.max((await served.current()).rules.version, ...uploads.list().map((upload) => upload.rules.version));
    if (highest >= MAX_RULE_SET_VERSION) throw new HttpError(400, 'version_exhausted', 'No higher rule-set version is left to give a restored set');
    return highest + 1;
  }

  router.get('/', handle(async (_req, res) => {
    res.status(200).json(await view());
  }));

  router.put('/', handle((req, res) => exclusive(async () => {
    const servedVersion = (await served.current()).rules.version;
    const checked = checkRuleSetUpload(req.body, servedVersion);
    if (!checked.ok) {
      await audit.append({ action: 'rules.upload_refused', actor: actorOf(res), details: { reason: checked.reason, problems: checked.errors.length, servedVersion } });
      if (checked.reason === 'too_large') throw new HttpError(413, 'rule_set_too_large', checked.errors[0] ?? 'The rule set is too large');
      throw new HttpError(400, 'invalid_rule_set', `The rule set was not accepted (${checked.errors.length} problem${checked.errors.length === 1 ? '' : 's'}); nothing changed`, errorFields(checked.errors));
    }
    const version = checked.rules.version;
    if (uploads.find(version)) throw new HttpError(409, 'version_exists', `Version ${version} was uploaded before: give the set a new version`);
    await uploads.add({ rules: checked.rules, uploadedAt: new Date().toISOString(), uploadedBy: currentUser(res).email });
    await audit.append({
      action: 'rules.uploaded',
      actor: actorOf(res),
      details: { version, previousVersion: servedVersion, ...(checked.filled ? { filledFromBuiltIn: checked.filled } : {}) },
    });
    res.status(200).json(await view());
  })));

  router.post('/rollback', handle((req, res) => exclusive(async () => {
    const { version: from } = parseBody(rollbackBodySchema, req.body);
    const earlier = uploads.find(from);
    if (!earlier) throw new HttpError(404, 'version_not_found', `No uploaded rule set has version ${from} (only the last uploads are kept)`);
    const current = await served.current();
    if (current.upload === earlier) throw new HttpError(409, 'already_served', `Version ${from} is the rule set served now`);
    // Served under a new, higher version: extensions that already took a later set would ignore the old number.
    const version = await nextVersion();
    await uploads.add({ rules: { ...earlier.rules, version }, uploadedAt: new Date().toISOString(), uploadedBy: currentUser(res).email, restoredFrom: from });
    await audit.append({ action: 'rules.rolled_back', actor: actorOf(res), details: { restoredVersion: from, version, previousVersion: current.rules.version } });
    res.status(200).json(await view());
  })));

  return router;
}
