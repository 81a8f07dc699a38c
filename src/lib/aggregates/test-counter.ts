// Moved to src/lib/testing, the library's one fixture domain: this re-export serves the tests
// that still import it from here until they are re-pointed.
export { counterAggregate, type CounterState, testRegistry as counterRegistry } from '../testing';
