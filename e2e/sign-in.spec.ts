import { expect, test, type Page } from "@playwright/test";
import { createUser } from "./support/db";
import { DEMO_PASSWORD, persona, signIn } from "./support/personas";

const GENERIC = "Sign-in failed. Check your email and password. After repeated failures, sign-in pauses for 15 minutes.";
const PASSWORD = "E2e-sign-in-password-1!";

// The sign-in form's own alert. Next.js adds a second, empty one that announces route changes.
const signInAlert = (page: Page) => page.getByRole("main").getByRole("alert");

async function attempt(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  // Waits for the server action's response, because the alert may already show the same text.
  const answered = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  // React resets the form after the action's transition commits. Filling the fields before that reset
  // would lose the password, and the browser would then block the next submit as incomplete.
  await expect(page.getByLabel("Password")).toHaveValue("");
}

test("unknown email and wrong password get one message", async ({ page }) => {
  await page.goto("/sign-in");
  await attempt(page, "nobody-here@demo.warden.example", "whatever-password");
  await expect(signInAlert(page)).toHaveText(GENERIC);

  await page.goto("/sign-in");
  await attempt(page, persona("manager").email, "not-the-password");
  await expect(signInAlert(page)).toHaveText(GENERIC);
  await expect(page).toHaveURL("/sign-in");
});

test("throttled account gets the same message", async ({ page }) => {
  const user = await createUser("responder", PASSWORD);
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await attempt(page, user.email, `wrong-${i}`);
    await expect(signInAlert(page)).toHaveText(GENERIC);
  }

  // The right password is rejected too while the account is paused, with the same words.
  await attempt(page, user.email, PASSWORD);
  await expect(signInAlert(page)).toHaveText(GENERIC);
  await expect(page).toHaveURL("/sign-in");
});

test("oversized email gets the generic message", async ({ page }) => {
  await page.goto("/sign-in");
  // Remove the browser-side limits so the server receives what a script could send.
  await page.getByLabel("Email").evaluate((input: HTMLInputElement) => {
    input.removeAttribute("maxlength");
    input.type = "text";
  });
  await attempt(page, `${"x".repeat(5000)}@example.com`, "p");
  await expect(signInAlert(page)).toHaveText(GENERIC);
});

const JUNK_CALLBACKS = [
  "//evil.example/path",
  "/\\evil.example",
  "https://evil.example/",
  "http://localhost:3100.evil.example/",
  "javascript:alert(1)",
  "/%2F%2Fevil.example",
  " /dashboard",
  "%",
  "/sign-in",
];

for (const callbackUrl of JUNK_CALLBACKS) {
  test(`callbackUrl ${JSON.stringify(callbackUrl)} stays on this origin`, async ({ page, baseURL }) => {
    await signIn(page, persona("responder").email, DEMO_PASSWORD, callbackUrl);
    await page.waitForLoadState("load");
    const landed = new URL(page.url());
    expect(landed.origin).toBe(new URL(baseURL!).origin);
    expect(landed.pathname).not.toBe("/sign-in");
  });
}

test("same-origin callbackUrl is honoured", async ({ page }) => {
  await signIn(page, persona("responder").email, DEMO_PASSWORD, "/incidents?severity=SEV1");
  await expect(page).toHaveURL("/incidents?severity=SEV1");
  await expect(page.getByRole("checkbox", { name: "SEV1" })).toBeChecked();
});

test("junk input never causes a server error", async ({ request }) => {
  const paths = [
    ...JUNK_CALLBACKS.map((value) => `/sign-in?callbackUrl=${encodeURIComponent(value)}`),
    "/sign-in?callbackUrl=%E0%A4%A",
    "/sign-in?callbackUrl=a&callbackUrl=b",
    "/users?page=-1&perPage=abc&sort=drop%20table&dir=sideways",
    "/incidents?severity=SEV9&status=%00",
    "/audit?before=abc&action=nope",
    "/api/auth/signin?callbackUrl=javascript:alert(1)",
  ];
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
  }

  const posted = await request.post("/api/auth/callback/credentials", {
    form: { email: "x".repeat(10_000), password: "", callbackUrl: "javascript:alert(1)" },
    maxRedirects: 0,
  });
  expect(posted.status()).toBeLessThan(500);
  expect(posted.headers().location ?? "").not.toContain("javascript:");
});
