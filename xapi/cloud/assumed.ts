/**
 * Where the Webex cloud's behaviour is not captured anywhere we know, the simulated cloud (emulator/cloud/) has to
 * guess, and the client must work either way. Every such guess is here, once, with what the client does about it.
 * Replace a guess with the fact when a capture from a real device shows it.
 */

/*
 * `GET /xapi/status` with several `name`s (no value to name, so no constant: the two places that depend on it say
 * "assumed.ts: multi-name status"): one `result` tree holding every name that exists (merged from the root down,
 * list items as `{ id, … }` as in the device's own JSON), and nothing for a name that does not (the spec's example
 * has one name; a single invalid name is known to give `{"result": {}}`). The client looks each name up in the tree,
 * so an answer per name would need only that lookup changed.
 */

/**
 * xAPI on a device that is not connected to Webex: HTTP 409 with the cloud's error body, the message naming the
 * device's connection status. (The spec lists 409 for every xAPI operation; which status a real offline device gets
 * is not captured.) The client shows the cloud's text with the status; it does not depend on the number.
 */
export const ASSUMED_OFFLINE_STATUS = 409;

/**
 * `PATCH /deviceConfigurations` on a key whose configured source is not editable (an organisation or location rule
 * manages it): HTTP 400 with the cloud's error body. The client reads the key's sources after any refused write, and
 * after a write whose answer still shows a rule's value, so either behaviour is a ConfigurationEnforcedError.
 */
export const ASSUMED_ENFORCED_WRITE_STATUS = 400;

/**
 * A command that the device rejects (an invalid value, a failed action): HTTP 400 with the device's reason as the
 * message. An unknown command's 400 ("… not supported") is captured; the failed-action form is assumed alike.
 */
export const ASSUMED_COMMAND_FAILURE_STATUS = 400;

/**
 * `GET /xapi/schema` with `status=*` and `command=*`: every status and command (the spec says the patterns "support
 * patterns" and gives `Conference.*`; that a lone `*` means everything is assumed).
 */
export const ASSUMED_ALL_KEYS = '*';
