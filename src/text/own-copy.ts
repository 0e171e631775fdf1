/**
 * Strings that go into the Article are copies, not views of the input.
 *
 * A substring is a view into the string it was cut from (in V8, from 13
 * characters on), and keeps all of that string alive. Cut from the input, one
 * such string in an Article kept the whole input (or the whole input chunk),
 * markup included, as long as the Article.
 */
export function ownCopy(text: string): string {
  // Joined to a character, the text is copied into a new string when cut off again.
  return text.length < 13 ? text : (' ' + text).slice(1);
}
