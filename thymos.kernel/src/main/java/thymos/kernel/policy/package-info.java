/**
 * The policy engine and built-in policies (spec 04 P1–P6): ordered evaluation, first non-permit
 * decides, fail closed, full trace, policy-set hash over policy content. Built-ins: {@link
 * thymos.kernel.policy.TenantIsolation}, {@link thymos.kernel.policy.ThresholdApproval}, {@link
 * thymos.kernel.policy.ToolRate}, {@link thymos.kernel.policy.Freshness}. Policy plugins and
 * built-ins are selected by name through {@link thymos.kernel.policy.PolicyProviders} (P1).
 * Declarative bundles (policy language v1, P6): {@link thymos.kernel.policy.PolicyBundle}, loaded
 * fail-closed, signed or not, by {@link thymos.kernel.policy.PolicyBundles}.
 */
package thymos.kernel.policy;
