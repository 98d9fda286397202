/**
 * The compiler (spec 04 C1, C2): turns an intent into a staged, suspended or rejected proposal, a
 * pure function of its inputs (I6); it never runs a tool and never writes.
 */
package thymos.kernel.compiler;
