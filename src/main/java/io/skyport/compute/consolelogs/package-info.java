/**
 * Skyport's own copy of every server's serial console log: captured from the hosts through the provider port
 * (remote nodes included), kept with the time each piece was captured, capped in size and age, and read back as lines
 * for the owner's live tail, the download and the deployment timeline. See {@code docs/console-logs.md}.
 */
@NullMarked
package io.skyport.compute.consolelogs;

import org.jspecify.annotations.NullMarked;
