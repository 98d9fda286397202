/**
 * Runs: a trajectory bound to one writ, where submitted intents are compiled, governed, executed
 * and recorded (05 §X1–X5, X7, X8, X11), approvals are voted (X3), and the agent loop drives a
 * cognition provider (X10).
 */
package thymos.kernel.run;
