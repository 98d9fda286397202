/** Routing feedback derived after the fact from recorded outcomes (X9.2). */
package thymos.kernel.routing;
