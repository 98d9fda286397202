/**
 * The policy engine and built-in policies (spec 04 P1–P5): ordered evaluation, first non-permit
 * decides, fail closed, full trace, policy-set hash over policy content. Built-ins: {@link
 * thymos.kernel.policy.TenantIsolation}, {@link thymos.kernel.policy.ThresholdApproval}, {@link
 * thymos.kernel.policy.ToolRate}, {@link thymos.kernel.policy.Freshness}. Policy plugins and
 * built-ins are selected by name through {@link thymos.kernel.policy.PolicyProviders} (P1).
 */
package thymos.kernel.policy;
