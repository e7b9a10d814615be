package dev.linr.serving.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle among variables that refer to each other. */
final class Cycles {
  private enum Mark {
    ON_PATH,
    DONE
  }

  private final Map<String, Expression> variables;
  private final Map<String, Mark> marks = new HashMap<>();
  private final List<String> path = new ArrayList<>();

  private Cycles(Map<String, Expression> variables) {
    this.variables = variables;
  }

  /**
   * The first cycle found, visiting variables in map order, as the names along it with the first
   * repeated at the end ({@code [a, b, a]}); empty if there is none. References to names that are
   * not variables are ignored.
   */
  static Optional<List<String>> find(Map<String, Expression> variables) {
    Cycles c = new Cycles(variables);
    for (String name : variables.keySet()) {
      List<String> cycle = c.visit(name);
      if (cycle != null) {
        return Optional.of(cycle);
      }
    }
    return Optional.empty();
  }

  private List<String> visit(String name) {
    Mark mark = marks.get(name);
    if (mark == Mark.DONE) {
      return null;
    }
    if (mark == Mark.ON_PATH) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      return cycle;
    }
    marks.put(name, Mark.ON_PATH);
    path.add(name);
    List<String> cycle = visitExpression(variables.get(name));
    if (cycle != null) {
      return cycle;
    }
    path.remove(path.size() - 1);
    marks.put(name, Mark.DONE);
    return null;
  }

  private List<String> visitExpression(Expression e) {
    if (e instanceof Expression.Variable v && variables.containsKey(v.name())) {
      return visit(v.name());
    }
    if (e instanceof Expression.ModelStep m) {
      return visitExpression(m.argument());
    }
    if (e instanceof Expression.FunctionStep f) {
      for (Expression a : f.arguments()) {
        List<String> cycle = visitExpression(a);
        if (cycle != null) {
          return cycle;
        }
      }
    }
    return null;
  }
}
