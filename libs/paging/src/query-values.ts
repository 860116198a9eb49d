/**
 * A boolean query parameter for class-transformer's @Transform: `true` and `false` only; anything else
 * stays as given and fails @IsBoolean (400).
 */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
