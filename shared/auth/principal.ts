/** Who is calling, as the functions see it once a token has been verified. */

export const roles = ['supervisor', 'inspector', 'company', 'device'] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  subject: string;
  role: Role;
  /** The person's name as the identity provider holds it (the standard `name` claim), to show who did what. */
  name?: string;
  /** Staff (supervisors, inspectors): the department they act for. */
  department?: string;
  /** Companies: the entity whose inspections they may see. */
  entityId?: string;
  /** Inspectors: their inspector record. */
  inspectorId?: string;
  /** Devices (smart-kitchen cameras): the device record, which binds it to one company. */
  deviceId?: string;
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && (roles as readonly string[]).includes(value);

function stringClaim(claims: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = claims[name];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/**
 * Reads a principal from verified token claims. Accepts the local issuer's flat claims (`role`, `entityId`, ...)
 * and Cognito ID tokens, where the role is the user's single group (`cognito:groups`) and the rest are custom
 * attributes (`custom:entityId`, ...). Returns undefined when the claims carry no usable role, or a company /
 * inspector / device role without the id that scopes it.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const groups = claims['cognito:groups'];
  const groupRoles = Array.isArray(groups) ? groups.filter(isRole) : [];
  const role = isRole(claims.role) ? claims.role : groupRoles.length === 1 ? groupRoles[0] : undefined;
  const subject = stringClaim(claims, 'sub');
  if (!role || !subject) return undefined;
  const principal: Principal = { subject, role };
  const department = stringClaim(claims, 'department', 'custom:department');
  const entityId = stringClaim(claims, 'entityId', 'custom:entityId');
  const inspectorId = stringClaim(claims, 'inspectorId', 'custom:inspectorId');
  const deviceId = stringClaim(claims, 'deviceId', 'custom:deviceId');
  const name = stringClaim(claims, 'name');
  if (name) principal.name = name;
  if (department) principal.department = department;
  if (role === 'company') {
    if (!entityId) return undefined;
    principal.entityId = entityId;
  }
  if (role === 'inspector') {
    if (!inspectorId) return undefined;
    principal.inspectorId = inspectorId;
  }
  if (role === 'device') {
    if (!deviceId) return undefined;
    principal.deviceId = deviceId;
  }
  return principal;
}

/**
 * The OAuth scope a device's app client is granted (client-credentials flow: a camera box cannot answer an MFA
 * challenge). Its access token names the client in `client_id`, which is the device's id.
 */
export const deviceScope = 'supervision-code/alerts.write';

/** A device from a verified Cognito access token, or undefined if the token does not carry the device scope. */
export function deviceFromAccessToken(claims: Record<string, unknown>): Principal | undefined {
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  const clientId = stringClaim(claims, 'client_id');
  if (claims.token_use !== 'access' || !scopes.includes(deviceScope) || !clientId) return undefined;
  return { subject: clientId, role: 'device', deviceId: clientId };
}

/** Authorizer context values must be flat strings; these two functions are each other's inverse. */
export function principalToContext(principal: Principal): Record<string, string> {
  return Object.fromEntries(Object.entries(principal).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

export function principalFromContext(context: Record<string, unknown> | undefined): Principal | undefined {
  return context ? principalFromClaims({ ...context, sub: context.subject }) : undefined;
}
