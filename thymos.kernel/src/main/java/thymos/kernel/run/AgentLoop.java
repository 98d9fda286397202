package thymos.kernel.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Intent;
import thymos.api.spi.Cognition;
import thymos.api.spi.CognitionContext;
import thymos.api.spi.CognitionStep;
import thymos.kernel.authority.Rejection;
import thymos.kernel.authority.RejectionReason;

/**
 * The agent loop (X10): asks cognition for a step, records its usage (X7.2), submits its intents
 * to the run and feeds their outcomes back, until a termination reason of X10.2 holds. Cognition
 * only proposes; every intent goes through {@link Run#submit}.
 *
 * <p>Steps are numbered per run: a loop starts at {@link Run#nextStep()}, one past the last step
 * whose usage is recorded, so running the loop again on a resumed run (after the votes on a
 * suspension) continues where it stopped; each step's usage entry carries its number (X7.2).
 *
 * <p>Order of checks: before each step, an expired writ stops the loop ({@code writ_expired}),
 * then spend beyond the budget ({@code budget_exhausted}); after a step, a suspended intent stops
 * it ({@code suspended}), then an intent rejected for budget or spend overshot by the step's usage
 * ({@code budget_exhausted}), then an intent rejected as outside the writ's window ({@code
 * writ_expired}), then a final answer ({@code done}, after the step's intents ran). The step limit
 * gives {@code max_steps}.
 *
 * <p>Delegation (09 §D1–D2): a {@code delegate} intent that starts a child is followed, when
 * cognition has a {@linkplain Cognition#child(String) child cognition} for its task, by a nested
 * loop in the child (same step limit); when that loop ends the child is closed with a {@code
 * delegation_result} whose outcome is the child's termination and whose answer is the child's, and
 * the parent's feedback for the intent carries {@code {child_trajectory_id, outcome,
 * final_answer?}}. A child that suspends stays open and the parent loop stops {@code suspended}
 * after the step; running the loop on the resumed parent first continues its open children (the
 * ones cognition has a child cognition for), then asks for the next step. Without a child
 * cognition the child stays open for the caller.
 */
public final class AgentLoop {

  private AgentLoop() {}

  /**
   * What the loop ended with.
   *
   * @param termination why it stopped (X10.2)
   * @param finalAnswer cognition's answer, for {@code done}
   * @param steps how many cognition steps this call ran
   * @param outcomes every intent's outcome, in submission order
   */
  public record Result(Termination termination, Optional<String> finalAnswer, long steps,
      List<Outcome> outcomes) {

    /** Copies the list; checks for {@code null}. */
    public Result {
      Objects.requireNonNull(termination, "termination");
      Objects.requireNonNull(finalAnswer, "finalAnswer");
      outcomes = List.copyOf(outcomes);
    }
  }

  /**
   * Runs the loop on {@code run}.
   *
   * @param run the run intents are submitted to
   * @param cognition the provider proposing intents
   * @param task the task, passed to every step
   * @param maxSteps the most steps to ask for in this call, at least 1
   * @return the termination reason, the answer and the outcomes
   * @throws IllegalArgumentException if {@code maxSteps < 1}
   */
  public static Result run(Run run, Cognition cognition, String task, long maxSteps) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(cognition, "cognition");
    Objects.requireNonNull(task, "task");
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1: " + maxSteps);
    }
    List<Outcome> all = new ArrayList<>();
    List<CognitionContext.Feedback> feedback = List.of();
    for (DelegationPayload open : run.openDelegations()) {
      if (runChild(run, cognition, open, maxSteps).suspended()) {
        return new Result(Termination.SUSPENDED, Optional.empty(), 0, all);
      }
    }
    long first = run.nextStep();
    for (long ran = 0; ran < maxSteps; ran++) {
      long step = first + ran;
      Optional<Termination> before = before(run);
      if (before.isPresent()) {
        return new Result(before.get(), Optional.empty(), ran, all);
      }
      CognitionStep s = cognition.step(new CognitionContext(task, run.trajectoryId(), step,
          run.head(), run.world(), run.kernel().tools.cognitionView(run.writ().body().scopes()),
          feedback));
      s.usage().ifPresent(u -> run.recordUsage(step, u.provider(), u.model(), u.inputTokens(),
          u.outputTokens(), u.usdMillicents()));
      List<CognitionContext.Feedback> next = new ArrayList<>();
      boolean suspended = false;
      boolean noBudget = false;
      boolean expired = false;
      for (Intent intent : s.intents()) {
        Outcome o = run.submit(intent);
        all.add(o);
        ChildRun child = ChildRun.NONE;
        if (o instanceof Outcome.Delegated d && run.childOpen(d.childTrajectoryId())) {
          child = runChild(run, cognition, d.payload(), maxSteps);
          suspended |= child.suspended();
        }
        next.add(feedback(intent, o, child.closed()));
        suspended |= o instanceof Outcome.Pending;
        if (o instanceof Outcome.Rejected r) {
          noBudget |= r.kind().equals("budget_exhausted");
          expired |= r.kind().equals("outside_window");
        }
      }
      feedback = next;
      if (suspended) {
        return new Result(Termination.SUSPENDED, Optional.empty(), ran + 1, all);
      }
      if (noBudget || !run.overspent().isEmpty()) {
        return new Result(Termination.BUDGET_EXHAUSTED, Optional.empty(), ran + 1, all);
      }
      if (expired) {
        return new Result(Termination.WRIT_EXPIRED, Optional.empty(), ran + 1, all);
      }
      if (s.finalAnswer().isPresent()) {
        return new Result(Termination.DONE, s.finalAnswer(), ran + 1, all);
      }
    }
    return new Result(Termination.MAX_STEPS, Optional.empty(), maxSteps, all);
  }

  private static Optional<Termination> before(Run run) {
    if (run.authorityNow() instanceof Rejection r
        && r.reason() == RejectionReason.OUTSIDE_WINDOW) {
      return Optional.of(Termination.WRIT_EXPIRED);
    }
    if (!run.overspent().isEmpty() || run.closedByParent()) { // a closed child is settled (D2)
      return Optional.of(Termination.BUDGET_EXHAUSTED);
    }
    return Optional.empty();
  }

  /**
   * What became of a child the loop was to run.
   *
   * @param suspended the child's loop stopped {@code suspended}; the child stays open
   * @param closed {@code {child_trajectory_id, outcome, final_answer?}} once the child is closed
   */
  private record ChildRun(boolean suspended, Optional<Json> closed) {
    /** No child cognition: nothing ran, the child stays open for the caller. */
    static final ChildRun NONE = new ChildRun(false, Optional.empty());
  }

  /** Runs the child {@code d} started with cognition's child cognition and closes it (D2). */
  private static ChildRun runChild(Run parent, Cognition cognition, DelegationPayload d,
      long maxSteps) {
    Optional<Cognition> childCognition = cognition.child(d.task());
    if (childCognition.isEmpty()) {
      return ChildRun.NONE;
    }
    Run child = parent.kernel().resume(d.childTrajectoryId());
    Result r = run(child, childCognition.get(), d.task(), maxSteps);
    if (r.termination() == Termination.SUSPENDED) {
      return new ChildRun(true, Optional.empty());
    }
    parent.closeChild(d.childTrajectoryId(), r.termination().wire(), r.finalAnswer());
    Map<String, Json> m = new HashMap<>();
    m.put("child_trajectory_id", d.childTrajectoryId().toJson());
    m.put("outcome", Json.string(r.termination().wire()));
    r.finalAnswer().ifPresent(a -> m.put("final_answer", Json.string(a)));
    return new ChildRun(false, Optional.of(Json.object(m)));
  }

  private static CognitionContext.Feedback feedback(Intent intent, Outcome o,
      Optional<Json> childResult) {
    Optional<Json> output = Optional.empty();
    Optional<String> kind = Optional.empty();
    Optional<String> message = Optional.empty();
    switch (o) {
      case Outcome.Committed c -> output = c.payload().observations().stream()
          .findFirst().map(obs -> obs.output());
      case Outcome.Rejected r -> {
        kind = Optional.of(r.kind());
        message = Optional.of(r.payload().reason().message());
      }
      case Outcome.Failed f -> {
        kind = Optional.of(f.payload().error().kind());
        message = Optional.of(f.payload().error().message());
      }
      case Outcome.Pending p -> message = Optional.of(p.payload().reason());
      case Outcome.InDoubt d -> { }
      case Outcome.Delegated d -> output = childResult.or(() -> Optional.of(Json.object(
          Map.of("child_trajectory_id", d.childTrajectoryId().toJson()))));
    }
    return new CognitionContext.Feedback(intent.id(), intent.body().tool(), o.status(), output,
        kind, message);
  }
}
