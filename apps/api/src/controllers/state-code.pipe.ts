import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** A three-letter State code in the path, upper-cased. */
@Injectable()
export class StateCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z]{3}$/.test(value)) {
      throw new BadRequestException(`"${value}" is not a three-letter State code`);
    }
    return value.toUpperCase();
  }
}
