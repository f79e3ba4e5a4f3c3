// postman-collection ships its types as an ambient module without a "types" field in its manifest.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../node_modules/postman-collection/types/index.d.ts" />
