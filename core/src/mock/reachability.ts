/** Routes that can never match: an earlier route on the same method and path takes them all. */
import type { MockRoute } from './model.js';

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
          candidate.pattern === route.pattern &&
          (candidate.method === route.method || candidate.method === 'ANY'),
      );
    if (earlier) found.push({ route, earlier });
  });
  return found;
}
