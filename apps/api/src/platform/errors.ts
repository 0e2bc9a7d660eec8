import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, errorStatus, errorTitle, type ErrorCode, type FieldError, type Problem } from '@openiop/core';

const PROBLEM_BASE = 'https://openiop.org/problems/';

export function problemOf(code: ErrorCode, detail: string | undefined, errors: FieldError[], instance?: string): Problem {
  return {
    type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title: errorTitle[code],
    status: errorStatus[code],
    ...(detail && detail !== errorTitle[code] ? { detail } : {}),
    code,
    errors,
    ...(instance ? { instance } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

const pathOf = (prefix: string, instancePath: string): string => {
  const p = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return p || prefix;
};

interface ZodIssueParams {
  keys?: string[];
}

function validationErrors(
  err: FastifyError & { validation: { instancePath: string; message?: string; keyword: string; params: unknown }[] },
): FieldError[] {
  const where = err.validationContext ?? 'body';
  const out: FieldError[] = [];
  for (const v of err.validation) {
    const params = v.params as ZodIssueParams;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      for (const key of params.keys) {
        const base = pathOf('', v.instancePath);
        out.push({ path: base ? `${base}.${key}` : key, message: 'is not a field this request accepts' });
      }
    } else {
      out.push({ path: pathOf(where, v.instancePath), message: v.message ?? 'is not valid' });
    }
  }
  return out;
}

/** The PostgreSQL error code (SQLSTATE) of an error or of one of its causes, as drizzle and both drivers wrap it. */
export function pgCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 4; i += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A unique index refused the write (two requests raced, or a value is taken). */
export const isUniqueViolation = (err: unknown): boolean => pgCode(err) === '23505';

/** Maps every failure to one RFC 9457 body. A 500 is logged with its request id and answered without details. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      return sendProblem(reply, { ...problemOf(err.code, err.message, err.errors), ...err.extra });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(reply, problemOf('VALIDATION_FAILED', undefined, validationErrors(err)));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(
          reply,
          problemOf('PAYLOAD_TOO_LARGE', `The body must be at most ${req.server.deps.bodyLimit} bytes`, [
            { path: 'body', message: 'is too large' },
          ]),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(
          reply,
          problemOf('UNSUPPORTED_MEDIA_TYPE', undefined, [{ path: 'body', message: 'must be sent as application/json' }]),
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, problemOf('BAD_REQUEST', 'The body is not valid JSON', [{ path: 'body', message: 'is not valid JSON' }]));
      case 'FST_ERR_VALIDATION':
        return sendProblem(
          reply,
          problemOf('VALIDATION_FAILED', undefined, [{ path: err.validationContext ?? 'body', message: err.message }]),
        );
      default:
        break;
    }
    if (err.statusCode === 429) {
      return sendProblem(reply, problemOf('RATE_LIMITED', 'Too many attempts; wait a minute and try again', []));
    }
    if (err instanceof SyntaxError || (err.statusCode === 400 && !pgCode(err))) {
      return sendProblem(reply, problemOf('BAD_REQUEST', 'The request could not be read', [{ path: 'body', message: 'is not valid' }]));
    }
    const pg = pgCode(err);
    if (pg === '23505') return sendProblem(reply, problemOf('DUPLICATE', undefined, []));
    if (pg === '23503') return sendProblem(reply, problemOf('VALIDATION_FAILED', 'A referenced record does not exist', []));
    if (pg === '22P02' || pg === '22007' || pg === '22008') {
      return sendProblem(reply, problemOf('VALIDATION_FAILED', 'A value has the wrong form', []));
    }
    // Never log the body or the message of a database error: either may contain PHI. (The logger adds reqId.)
    req.log.error(
      { errCode: err.code ?? pg ?? 'unknown', name: err.name, stack: err.stack?.split('\n').slice(0, 6).join('\n') },
      'unhandled error',
    );
    return sendProblem(reply, problemOf('INTERNAL', `Reference ${req.id}`, []));
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return sendProblem(reply, problemOf('NOT_FOUND', 'No such endpoint', []));
    // The web app routes in the browser: any other GET gets its page.
    if ((req.method === 'GET' || req.method === 'HEAD') && typeof reply.sendFile === 'function')
      return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, problemOf('NOT_FOUND', undefined, []));
  });
}
