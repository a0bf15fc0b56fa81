// Streams an image file to Skyport as application/octet-stream (no multipart size limit, never held in memory by
// the server); without JavaScript the form posts multipart instead.
document.querySelectorAll("form.image-upload").forEach((form) => {
  form.addEventListener("submit", async (event) => {
    const input = form.querySelector("input[type=file]");
    if (!input || !input.files || input.files.length === 0) {
      return;
    }
    event.preventDefault();
    const status = form.querySelector(".upload-status");
    const button = form.querySelector("button");
    button.disabled = true;
    status.textContent = "Uploading and checking the sha256…";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream", [form.dataset.csrfHeader]: form.dataset.csrfToken },
        body: input.files[0],
      });
      if (response.ok) {
        window.location.reload();
        return;
      }
      status.textContent = (await response.text()) || "The upload failed (" + response.status + ").";
    } catch (error) {
      status.textContent = "The upload broke off: " + error.message;
    }
    button.disabled = false;
  });
});
