/**
 * The policy engine and built-in policies (spec 04 P1–P5): ordered evaluation, first non-permit
 * decides, fail closed, full trace, policy-set hash over policy content. Built-ins: {@link
 * thymos.kernel.policy.TenantIsolation}, {@link thymos.kernel.policy.ThresholdApproval}, {@link
 * thymos.kernel.policy.ToolRate}, {@link thymos.kernel.policy.Freshness}.
 */
package thymos.kernel.policy;
