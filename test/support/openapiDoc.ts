/** A small OpenAPI 3.1 document (with a `$ref` to a second file) for editor and validate tests. */
export const OPENAPI_FILES: Record<string, string> = {
  'openapi.yaml': `openapi: 3.1.0
info: { title: Users, version: '1' }
servers:
  - url: https://api.example.com/v1
paths:
  /users:
    get:
      summary: List users
      parameters:
        - { name: page, in: query, schema: { type: integer }, description: Page number }
        - { name: q, in: query, required: true, schema: { type: string }, description: Search text }
      responses:
        '200': { description: The users }
    post:
      summary: Create a user
      requestBody:
        content:
          application/json:
            schema: { $ref: './schemas.yaml#/User' }
      responses:
        '201': { description: Created }
        '422': { description: Invalid user }
  /users/{id}:
    get:
      summary: Get a user
      description: One user by id.
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: The user }
        '404': { description: No such user }
    put:
      summary: Replace a user
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: Replaced }
  /users/{id}/avatar.png:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: The picture }
`,
  'schemas.yaml': `User:
  type: object
  required: [name]
  properties:
    email: { type: string, description: Where to write }
    name: { type: string, description: Full name }
    address:
      type: object
      properties:
        city: { type: string }
        zip: { type: string }
    tags:
      type: array
      items:
        type: object
        properties:
          label: { type: string }
`,
};
