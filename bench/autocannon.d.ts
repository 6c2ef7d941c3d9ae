// The parts of autocannon 9's API that the benchmark uses; the package ships no types of its own.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      amount?: number;
      duration?: number;
      timeout?: number;
      headers?: Record<string, string>;
    }
    interface Result {
      non2xx: number;
      errors: number;
      timeouts: number;
    }
    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export default autocannon;
}
