// Passkeys: registering one on the sign-in security page and signing in with one on the sign-in page, through
// Spring Security's WebAuthn endpoints (JSON; the CSRF token travels in a header).
"use strict";
(() => {
  const b64url = {
    encode(buffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
    }
  };

  function headers(element) {
    return { "Content-Type": "application/json", [element.dataset.csrfHeader]: element.dataset.csrfToken };
  }

  async function post(url, element, body) {
    const response = await fetch(url, {
      method: "POST", headers: headers(element), credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    return response;
  }

  function showError(id, message) {
    const error = document.getElementById(id);
    error.textContent = message;
    error.hidden = false;
  }

  function supported() {
    return !!(window.PublicKeyCredential && navigator.credentials);
  }

  async function register(form) {
    const label = form.querySelector("[name=label]").value.trim();
    if (!label) {
      showError("passkey-error", "Give the passkey a name, e.g. the device it is on.");
      return;
    }
    const optionsResponse = await post("/webauthn/register/options", form);
    if (!optionsResponse.ok) {
      throw new Error("Skyport could not start adding a passkey (HTTP " + optionsResponse.status + ").");
    }
    const options = await optionsResponse.json();
    const credential = await navigator.credentials.create({
      publicKey: {
        ...options,
        challenge: b64url.decode(options.challenge),
        user: { ...options.user, id: b64url.decode(options.user.id) },
        excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) }))
      }
    });
    const response = credential.response;
    const registration = await post("/webauthn/register", form, {
      publicKey: {
        credential: {
          id: credential.id,
          rawId: b64url.encode(credential.rawId),
          response: {
            attestationObject: b64url.encode(response.attestationObject),
            clientDataJSON: b64url.encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : []
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        },
        label
      }
    });
    const result = registration.ok ? await registration.json() : null;
    if (!result || !result.success) {
      throw new Error("The passkey was not accepted. Try again.");
    }
    window.location.href = "/panel/account/security?added";
  }

  async function signIn(box) {
    const optionsResponse = await post("/webauthn/authenticate/options", box);
    if (!optionsResponse.ok) {
      throw new Error("Skyport could not start a passkey sign-in (HTTP " + optionsResponse.status + ").");
    }
    const options = await optionsResponse.json();
    const credential = await navigator.credentials.get({
      publicKey: {
        ...options,
        challenge: b64url.decode(options.challenge),
        allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) }))
      }
    });
    const response = credential.response;
    const login = await post("/login/webauthn", box, {
      id: credential.id,
      rawId: b64url.encode(credential.rawId),
      response: {
        authenticatorData: b64url.encode(response.authenticatorData),
        clientDataJSON: b64url.encode(response.clientDataJSON),
        signature: b64url.encode(response.signature),
        userHandle: response.userHandle ? b64url.encode(response.userHandle) : undefined
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    });
    const result = login.ok ? await login.json() : null;
    if (!result || !result.authenticated) {
      throw new Error("That passkey was not accepted. Use one you added in Skyport, or sign in with your password.");
    }
    window.location.href = result.redirectUrl || "/panel";
  }

  function failed(error) {
    return error && error.name === "NotAllowedError" ? "The passkey request was cancelled or timed out." : error.message;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("passkey-register");
    if (form) {
      if (!supported()) {
        showError("passkey-error", "This browser cannot use passkeys.");
      }
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        register(form).catch((error) => showError("passkey-error", failed(error)));
      });
    }
    const box = document.getElementById("passkey-sign-in");
    if (box && supported()) {
      box.hidden = false;
      document.getElementById("passkey-button").addEventListener("click", () => {
        signIn(box).catch((error) => showError("passkey-error", failed(error)));
      });
    }
  });
})();
