import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The shape of every error answer. */
export class ErrorResponseDto {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ example: 'communication.not_found', description: 'Stable, machine-readable code' }) code!: string;
  @ApiProperty({ example: 'communication 3f… not found' }) message!: string;
  @ApiPropertyOptional({
    description: 'Structured details (validation errors, allowed next states, error id of a 500)',
  })
  details?: unknown;
}
