/**
 * The classes every class contender builds from a workload: node i is a class named `C<i>` whose
 * constructor takes its dependencies (0–4 on the random DAG) as parameters and keeps them in
 * `deps`, with an async warm-up hook that calls the instrumented init. The contenders differ only in
 * the hook's name (preheat's `onWarmup`, inversify's `@postConstruct` method, NestJS's
 * `onModuleInit`) and in the decorators they apply, so all of them construct the same classes.
 *
 * One class expression per arity, evaluated once per node: every class is a distinct constructor
 * (a distinct token), as in an application, and no contender gets code the others do not.
 */
export function makeClasses(w, init, hook) {
  const classes = new Array(w.n);
  for (let i = 0; i < w.n; i++) {
    const C = classWithArity(w.depStart[i + 1] - w.depStart[i], hook, i, init);
    Object.defineProperty(C, 'name', { value: `C${i}` });
    classes[i] = C;
  }
  return classes;
}

/** Dependencies of node i, as the classes of the same array. */
export function depsOf(w, classes, i) {
  const deps = [];
  for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) deps.push(classes[w.depList[e]]);
  return deps;
}

function classWithArity(arity, hook, i, init) {
  switch (arity) {
    case 0:
      return class {
        constructor() {
          this.deps = [];
        }
        async [hook]() {
          await init(i);
        }
      };
    case 1:
      return class {
        constructor(a) {
          this.deps = [a];
        }
        async [hook]() {
          await init(i);
        }
      };
    case 2:
      return class {
        constructor(a, b) {
          this.deps = [a, b];
        }
        async [hook]() {
          await init(i);
        }
      };
    case 3:
      return class {
        constructor(a, b, c) {
          this.deps = [a, b, c];
        }
        async [hook]() {
          await init(i);
        }
      };
    case 4:
      return class {
        constructor(a, b, c, d) {
          this.deps = [a, b, c, d];
        }
        async [hook]() {
          await init(i);
        }
      };
    default:
      throw new Error(`no class template for ${arity} constructor parameters`);
  }
}

/**
 * Problems found in the instances the first `get` of every class returned (empty when right):
 * instance i is a `C<i>` and holds the very instances of its dependencies, in parameter order.
 */
export function checkInstances(w, classes, instances) {
  const problems = [];
  for (let i = 0; i < w.n && problems.length < 3; i++) {
    const x = instances[i];
    if (!(x instanceof classes[i])) {
      problems.push(`get(C${i}) gave ${x === undefined ? 'undefined' : `a ${x?.constructor?.name}`}`);
      continue;
    }
    for (let e = w.depStart[i], k = 0; e < w.depStart[i + 1]; e++, k++) {
      if (x.deps[k] !== instances[w.depList[e]]) problems.push(`C${i} parameter ${k} is not the instance of C${w.depList[e]}`);
    }
  }
  return problems;
}
