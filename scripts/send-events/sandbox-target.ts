// `send-events --sandbox`: the URL and key of the running sandbox's API that serves POST /events,
// from its endpoints file (`.sandbox/endpoints.json`, or under SANDBOX_DIR).
import { readEndpoints } from "../sandbox/endpoints-file";

export const eventsRoute = "POST /events";

export function sandboxEventsApi(): { url: string; key: string } {
    const endpoints = readEndpoints();
    const serving = endpoints.apis.filter(api => api.routes.includes(eventsRoute));
    if (serving.length !== 1) {
        const names = endpoints.apis.map(api => api.name).join(", ") || "none";
        throw new Error(`the sandbox has ${serving.length} APIs serving ${eventsRoute} (its APIs: ${names}); pass --api and --key`);
    }
    const [api] = serving;
    if (api.apiKey === undefined) {
        throw new Error(`the sandbox's API ${api.name} has no key`);
    }
    return { url: api.url, key: api.apiKey };
}
