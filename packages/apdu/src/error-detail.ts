/**
 * Types that give every error code its own `detail` shape (as zod types its issues): a family
 * maps each code to its detail type, and these helpers make the constructor ask for a detail
 * exactly when the code's message needs one.
 * @module
 */

/** The detail of a code that carries no values. */
export type NoDetail = Record<string, never>;

/**
 * The codes among `C` whose detail type `D[C]` has at least one required key (distributes over a
 * union of codes, so a constructor called with a union code needs the detail any of them needs).
 */
export type CodesNeedingDetail<D, C extends keyof D> = C extends keyof D
  ? Record<never, never> extends D[C]
    ? never
    : C
  : never;

/** The `detail` member of an error's options: required when some code in `C` needs a detail. */
export type DetailOption<D, C extends keyof D> = [CodesNeedingDetail<D, C>] extends [never]
  ? { readonly detail?: D[C] | undefined }
  : { readonly detail: D[C] };

/**
 * The rest parameters after `code` in an error constructor: the options object `O` is required
 * when some code in `C` needs a detail, optional otherwise.
 */
export type ErrorOptionsArg<D, C extends keyof D, O> = [CodesNeedingDetail<D, C>] extends [never]
  ? [options?: O]
  : [options: O];
