/**
 * The objects the fake stores and sends, in the API's snake_case wire form.
 *
 * @module
 */

/**
 * A domain of an organization, as the API sends it.
 *
 * @example Create an organization with a domain
 * ```ts
 * import { startFakeWorkOS, type WireOrganization } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * const res = await fetch(`${fake.url}/organizations`, {
 *   method: "POST",
 *   headers: { authorization: `Bearer ${fake.apiKey}` },
 *   body: JSON.stringify({
 *     name: "Foo Corp",
 *     domain_data: [{ domain: "foo-corp.com", state: "verified" }],
 *   }),
 * });
 * const org: WireOrganization = await res.json();
 * console.log(org.domains[0].domain, org.domains[0].state);
 * ```
 */
export interface WireOrganizationDomain {
  /** Always `"organization_domain"`. */
  object: "organization_domain";
  /** The domain's id, `org_domain_...`. */
  id: string;
  /** The id of the organization the domain belongs to. */
  organization_id: string;
  /** The domain name, for example `foo-corp.com`. */
  domain: string;
  /** The verification state. */
  state?: "failed" | "legacy_verified" | "pending" | "unverified" | "verified";
  /** The DNS record prefix used to verify the domain. */
  verification_prefix?: string;
  /** The token of the DNS verification record. */
  verification_token?: string;
  /** How the domain is verified. */
  verification_strategy?: "dns" | "manual";
  /** ISO 8601 creation time. */
  created_at: string;
  /** ISO 8601 time of the last change. */
  updated_at: string;
}

/**
 * An organization, as the API sends it.
 *
 * @example Seed organizations with chosen names
 * ```ts
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * const orgs = fake.seedOrganizations(2, (i) => ({ name: `Org ${i}` }));
 * console.log(orgs[0].object, orgs[0].id, orgs[0].name);
 * ```
 */
export interface WireOrganization {
  /** Always `"organization"`. */
  object: "organization";
  /** The organization's id, `org_...`; ids sort by creation. */
  id: string;
  /** The display name; not unique. */
  name: string;
  /** The organization's domains. */
  domains: WireOrganizationDomain[];
  /** Free-form string key/value pairs. */
  metadata: Record<string, string>;
  /** The caller's own id for the organization, or `null`. */
  external_id: string | null;
  /** Whether profiles outside the organization's domains may sign in. */
  allow_profiles_outside_organization?: boolean;
  /** The Stripe customer id, present once set. */
  stripe_customer_id?: string;
  /** ISO 8601 creation time. */
  created_at: string;
  /** ISO 8601 time of the last change. */
  updated_at: string;
}

/**
 * A user of user management, as the API sends it.
 *
 * @example Create a user and read it back
 * ```ts
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * const res = await fetch(`${fake.url}/user_management/users`, {
 *   method: "POST",
 *   headers: {
 *     authorization: `Bearer ${fake.apiKey}`,
 *     "content-type": "application/json",
 *   },
 *   body: JSON.stringify({ email: "ada@example.com", first_name: "Ada" }),
 * });
 * const user = await res.json();
 * console.log(user.object, user.email);
 * ```
 */
export interface WireUser {
  /** Always `"user"`. */
  object: "user";
  /** The user's id, `user_...`; ids sort by creation. */
  id: string;
  /** The email address. */
  email: string;
  /** The first name, or `null`. */
  first_name: string | null;
  /** The last name, or `null`. */
  last_name: string | null;
  /** The full name, or `null`. */
  name?: string | null;
  /** Whether the email address is verified. */
  email_verified: boolean;
  /** The URL of the user's picture, or `null`. */
  profile_picture_url: string | null;
  /** The caller's own id for the user, or `null`. */
  external_id: string | null;
  /** Free-form string key/value pairs. */
  metadata: Record<string, string>;
  /** ISO 8601 time of the last sign-in, or `null`. */
  last_sign_in_at: string | null;
  /** The preferred locale, or `null`. */
  locale?: string | null;
  /** ISO 8601 creation time. */
  created_at: string;
  /** ISO 8601 time of the last change. */
  updated_at: string;
}

/**
 * One page of a list endpoint, as the API sends it.
 *
 * @typeParam T The wire type of the items.
 *
 * @example Walk all organizations page by page
 * ```ts
 * import { startFakeWorkOS, type WireList, type WireOrganization } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * fake.seedOrganizations(5);
 * let after: string | null = null;
 * do {
 *   const url = new URL("/organizations", fake.url);
 *   url.searchParams.set("limit", "2");
 *   if (after !== null) url.searchParams.set("after", after);
 *   const res = await fetch(url, {
 *     headers: { authorization: `Bearer ${fake.apiKey}` },
 *   });
 *   const page: WireList<WireOrganization> = await res.json();
 *   console.log(page.data.map((o) => o.id));
 *   after = page.list_metadata.after;
 * } while (after !== null);
 * ```
 */
export interface WireList<T> {
  /** Always `"list"`. */
  object: "list";
  /** The items of this page. */
  data: T[];
  /** The cursors around this page. */
  list_metadata: {
    /** The id of the page's first item when items precede it, else `null`. */
    before: string | null;
    /** The id of the page's last item when items follow it, else `null`. */
    after: string | null;
  };
}
