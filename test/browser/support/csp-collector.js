// Loaded into every page before its own scripts (context.addInitScript): reports each Content-Security-Policy
// violation the browser raises on the console, where the tests collect them (support/browser.ts).
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(
    'securitypolicyviolation ' +
      JSON.stringify({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
      }),
  );
});
