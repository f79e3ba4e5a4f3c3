/** Routes that can never match: an earlier route on the same method and path takes them all. */
import type { MockRoute } from './model.js';

/** The pattern with its parameter names left out: `/users/:id` and `/users/:userId` take the same paths. */
function shape(pattern: string): string {
  return pattern.replace(/([:*])(?:[A-Za-z_$][\w$]*|"(?:[^"\\]|\\.)*")/g, '$1');
}

function hasMatchers(route: MockRoute): boolean {
  return route.query.length > 0 || route.headers.length > 0 || route.json.length > 0 || route.hasBody;
}

/** Each unreachable route with the earlier route (no matchers, same or `ANY` method, same path) that shadows it. */
export function unreachableRoutes(routes: readonly MockRoute[]): { route: MockRoute; earlier: MockRoute }[] {
  const found: { route: MockRoute; earlier: MockRoute }[] = [];
  routes.forEach((route, index) => {
    const earlier = routes
      .slice(0, index)
      .find(
        (candidate) =>
          !hasMatchers(candidate) &&
          shape(candidate.pattern) === shape(route.pattern) &&
          (candidate.method === route.method ||
            candidate.method === 'ANY' ||
            (candidate.method === 'GET' && route.method === 'HEAD')),
      );
    if (earlier) found.push({ route, earlier });
  });
  return found;
}
