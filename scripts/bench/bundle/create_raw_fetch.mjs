// Creates one organization with fetch alone: the smallest possible bundle.
const response = await fetch("https://api.workos.com/organizations", {
  method: "POST",
  headers: {
    authorization: `Bearer ${globalThis.process?.env.WORKOS_API_KEY}`,
    "content-type": "application/json",
  },
  body: JSON.stringify({ name: "Foo Corp" }),
});
console.log(JSON.parse(await response.text()));
