// Starts Swagger UI on the API's own document. A file of its own, not an inline script, so the page's
// Content-Security-Policy allows scripts from the server only.
window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  showExtensions: true,
  // No call to the public validator badge service: the page talks to this server only.
  validatorUrl: null
});
