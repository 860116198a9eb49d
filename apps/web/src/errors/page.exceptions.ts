/** A page refuses a posted form whose CSRF token is missing or wrong: the 403 page. */
export class CsrfRefusedException extends Error {
  constructor() {
    super('The form was refused: its security token is missing or out of date');
    this.name = 'CsrfRefusedException';
  }
}

/** The page needs a login: the person is sent to the login form, and back after it. */
export class LoginNeededException extends Error {
  constructor(readonly next: string) {
    super('Log in to see this page');
    this.name = 'LoginNeededException';
  }
}

/** The page does not exist, or not for this person: the same 404 page either way. */
export class PageNotFoundException extends Error {
  constructor() {
    super('Page not found');
    this.name = 'PageNotFoundException';
  }
}
